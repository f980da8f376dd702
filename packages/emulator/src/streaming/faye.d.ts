// faye is untyped CommonJS; jsforce ships a partial declaration of its client, which this one,
// shorthand, merges with. The emulator types the server parts it uses in bayeux-types.ts.
declare module 'faye';
