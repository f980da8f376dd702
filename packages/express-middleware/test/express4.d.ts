// The Express 4 devDependency is installed under an alias; it has the same API surface we use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
