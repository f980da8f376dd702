import type {} from 'passport'; // declares req.user as Express.User

// What your sign-in puts on req.user, declared once for the whole app.
declare global {
  namespace Express {
    interface User {
      salesforceUsername: string;
    }
  }
}
