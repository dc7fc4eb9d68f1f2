import { register } from 'tsconfig-paths';

// Jest's globalSetup does not use moduleNameMapper, so it resolves the @dragnet aliases itself.
register({
  baseUrl: process.cwd(),
  paths: { '@dragnet/platform': ['libs/platform/src'], '@dragnet/domain': ['libs/domain/src'] },
});
