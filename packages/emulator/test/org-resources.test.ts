import { describe, expect, it } from 'vitest';
import { createTestOrg, startEmulator } from '../src/index.js';
import { conn, jsforceConnection, useOrg } from './harness.js';

useOrg();

describe('standard objects from real-org field lists', () => {
  it('describes Account with its billing, shipping and other standard fields, and Lead.Status values', async () => {
    const account = await conn.describe('Account');
    const names = account.fields.map((field) => field.name);
    for (const name of [
      'BillingStreet',
      'ShippingCity',
      'BillingAddress',
      'Fax',
      'Sic',
      'Rating',
      'Site',
      'AccountSource',
      'LastActivityDate',
    ]) {
      expect(names).toContain(name);
    }
    const children = account.childRelationships.map((child) => child.relationshipName);
    expect(children).toEqual(
      expect.arrayContaining(['Contacts', 'Opportunities', 'ActivityHistories', 'ChildAccounts']),
    );
    const lead = await conn.describe('Lead');
    const status = lead.fields.find((field) => field.name === 'Status')!;
    expect(status.picklistValues!.map((value) => value.value)).toContain('Closed - Converted');
    const { id } = await conn
      .sobject('Contact')
      .create({ LastName: 'Mailing', MailingCity: 'Paris' });
    expect((await conn.sobject('Contact').retrieve(id!)).MailingCity).toBe('Paris');
  });

  it('gives every custom object a Name', async () => {
    const org = await createTestOrg({
      extra: { objects: { Bare__c: { fields: { Size__c: { type: 'int' } } } } },
    });
    const other = await startEmulator({ setup: org.setup });
    try {
      const custom = await (await jsforceConnection(org, other)).describe('Bare__c');
      expect(custom.fields.map((field) => field.name)).toContain('Name');
    } finally {
      await other.stop();
    }
  });
});

describe('describe sub-resources', () => {
  it('answers layouts, named layouts, compact and approval layouts in their own shapes', async () => {
    const layouts = await conn.sobject('Account').layouts();
    expect(layouts.layouts[0]).toMatchObject({
      quickActionList: { quickActionListItems: [] },
      relatedLists: [],
    });
    expect(layouts.layouts[0]!.detailLayoutSections.length).toBeGreaterThan(0);
    expect((await conn.sobject('User').layouts('UserAlt')).layouts).toHaveLength(1);
    const compact = await conn.sobject('Account').compactLayouts();
    expect(compact.compactLayouts[0]).toMatchObject({ objectType: 'Account', name: 'SYSTEM' });
    expect(await conn.sobject('Account').approvalLayouts()).toEqual({ approvalLayouts: [] });
  });
});

describe('REST resources', () => {
  it('lists updated ids, recent items, tabs and the theme', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const { id } = await conn.sobject('Account').create({ Name: 'Recently made' });
    const updated = await conn
      .sobject('Account')
      .updated(start, new Date(Date.now() + 60_000).toISOString());
    expect(updated.ids).toContain(id);
    expect((await conn.recent(5)).map((item) => item.Id)).not.toContain(id);
    await conn.query(`SELECT Id, Name FROM Account WHERE Id = '${id}' FOR VIEW`);
    const recent = await conn.recent(5);
    expect(recent[0]).toMatchObject({ Id: id, Name: 'Recently made' });
    expect((await conn.sobject('Account').recent()).map((item) => item.Id)).toContain(id);
    expect((await conn.tabs()).map((tab) => tab.sobjectName)).toContain('Account');
    expect((await conn.theme()).themeItems.length).toBeGreaterThan(0);
  });

  it('serves a list view with its description, results and explain plan', async () => {
    const { listviews } = (await conn.sobject('Account').listviews()) as {
      listviews: Array<{ id: string }>;
    };
    const view = conn.sobject('Account').listview(listviews[0]!.id);
    expect(((await view.describe()) as { sobjectType: string }).sobjectType).toBe('Account');
    const results = (await view.results()) as { size: number; records: unknown[] };
    expect(results.size).toBe(results.records.length);
    expect(results.size).toBeGreaterThan(0);
    expect((await view.explain()).plans[0]).toMatchObject({
      leadingOperationType: 'TableScan',
      sobjectType: 'Account',
    });
    const plan = await conn.query('SELECT Id FROM Account').explain();
    expect(plan.plans[0]!.sobjectCardinality).toBeGreaterThan(0);
  });

  it('runs the Log a Call quick action, which creates a Task on the record', async () => {
    const { id } = await conn.sobject('Account').create({ Name: 'Called' });
    expect((await conn.quickActions()).map((action) => action.name)).toEqual(['LogACall']);
    const result = await conn.quickAction('LogACall').execute(id!, { Subject: 'Call' });
    expect(result).toMatchObject({ success: true, created: true, contextId: id });
    expect(await conn.sobject('Task').count({ WhatId: id })).toBe(1);
  });

  it('posts, comments on, likes and deletes a Chatter feed item', async () => {
    const post = await conn.chatter.resource('/feed-elements').create<{
      url: string;
      capabilities: {
        comments: { page: { currentPageUrl: string } };
        chatterLikes: { page: { currentPageUrl: string } };
      };
    }>({
      body: { messageSegments: [{ type: 'Text', text: 'Hello' }] },
      feedElementType: 'FeedItem',
      subjectId: 'me',
    });
    await conn.chatter
      .resource(post.capabilities.comments.page.currentPageUrl)
      .create({ body: { messageSegments: [{ type: 'Text', text: 'Hi' }] } });
    const like = await conn.chatter
      .resource<{ url: string }>(post.capabilities.chatterLikes.page.currentPageUrl)
      .create('');
    await conn.chatter.resource(like.url).delete();
    const feed = await conn.chatter
      .resource<{ elements: Array<{ body: { text: string } }> }>('/feeds/news/me/feed-elements')
      .retrieve();
    expect(feed.elements[0]!.body.text).toBe('Hello');
    await conn.chatter.resource(post.url).delete();
    await expect(conn.chatter.resource(post.url).retrieve()).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('answers tooling completions, and not supported for process rules, approvals, analytics and Apex tests', async () => {
    expect((await conn.tooling.completions('visualforce')).completions).toHaveProperty([
      'apex:page',
    ]);
    for (const path of [
      '/process/rules',
      '/process/approvals',
      '/analytics/reports',
      '/tooling/runTestsSynchronous',
      '/query?q=SELECT+Id+FROM+Report',
    ]) {
      await expect(conn.request(path)).rejects.toMatchObject({
        errorCode: 'FUNCTIONALITY_NOT_ENABLED',
      });
    }
  });

  it('sends Sforce-Limit-Info with the API usage, which jsforce reads into limitInfo', async () => {
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo.apiUsage!.used).toBeGreaterThan(0);
    expect(conn.limitInfo.apiUsage!.limit).toBe(15000);
  });
});
