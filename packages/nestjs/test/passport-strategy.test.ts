import 'reflect-metadata';
import { Controller, Get, type INestApplication, Injectable, Req, UseGuards } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Test } from '@nestjs/testing';
import { SalesforceJwtStrategy } from '@sf-jwt/express-middleware';
import type { Request } from 'express';
import type { Connection } from 'jsforce';
import passport from 'passport';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Org, startOrg } from './harness.js';

// Nest builds the strategies itself (no constructor arguments), so they read the org from here.
let env: Org;

const usernameOf = async (connection: Connection) =>
  (await connection.request<{ preferred_username: string }>('/services/oauth2/userinfo'))
    .preferred_username;

/** One config argument: Nest appends its callback, which must not become the name. */
@Injectable()
class IntegrationStrategy extends PassportStrategy(SalesforceJwtStrategy) {
  constructor() {
    super(env.config);
  }

  async validate(connection: Connection) {
    return { salesforceUsername: await usernameOf(connection), via: 'validate' };
  }
}

@Injectable()
class PerUserStrategy extends PassportStrategy(SalesforceJwtStrategy, 'salesforce-per-user') {
  constructor() {
    super(env.config, { subject: (req) => req.get('x-user') });
  }

  async validate(connection: Connection) {
    const salesforceUsername = await usernameOf(connection);
    return salesforceUsername === 'user13@example.com' ? null : { salesforceUsername };
  }
}

@Controller()
class MeController {
  @UseGuards(AuthGuard('salesforce-jwt'))
  @Get('integration')
  integration(@Req() req: Request) {
    return req.user;
  }

  @UseGuards(AuthGuard('salesforce-per-user'))
  @Get('mine')
  mine(@Req() req: Request) {
    return req.user;
  }
}

let app: INestApplication;
beforeAll(async () => {
  env = await startOrg();
  const moduleRef = await Test.createTestingModule({
    controllers: [MeController],
    providers: [IntegrationStrategy, PerUserStrategy],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(async () => {
  await app?.close();
  await env.emulator.stop();
});

describe('@nestjs/passport PassportStrategy(SalesforceJwtStrategy)', () => {
  it('registers as salesforce-jwt with one config argument, never as "callback"', () => {
    const registered = passport as unknown as { _strategy(name: string): unknown };
    expect(registered._strategy('salesforce-jwt')).toBeInstanceOf(IntegrationStrategy);
    expect(registered._strategy('callback')).toBeUndefined();
    expect(registered._strategy('salesforce-per-user')).toBeInstanceOf(PerUserStrategy);
  });

  it('runs validate() and maps req.user to what it returns', async () => {
    const response = await request(app.getHttpServer()).get('/integration').expect(200);
    expect(response.body).toEqual({ salesforceUsername: env.org.username, via: 'validate' });
  });

  it('maps each request to its own subject, and answers 401 when validate() rejects', async () => {
    const server = app.getHttpServer();
    const mine = await request(server).get('/mine').set('x-user', 'user12@example.com').expect(200);
    expect(mine.body).toEqual({ salesforceUsername: 'user12@example.com' });
    await request(server).get('/mine').set('x-user', 'user13@example.com').expect(401);
    await request(server).get('/mine').expect(401);
  });
});
