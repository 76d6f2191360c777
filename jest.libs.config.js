/** Unit tests of the pure libs (libs/*), run as ESM through SWC. */
export default {
  rootDir: '.',
  roots: ['<rootDir>/libs'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@zczr/(domain|divisions|id-card|demo-data|eligibility|policies|contract)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }] },
  testEnvironment: 'node',
};
