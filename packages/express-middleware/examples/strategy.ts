import { JwtBearerStrategy } from '@sf-jwt/core';
import { config } from './config.js';

// The root README's core snippet: one strategy, one token, shared by every caller.
export const strategy = new JwtBearerStrategy(config);
