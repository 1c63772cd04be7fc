/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // The two packages by name (as scripts and examples import them) are their sources here, like the
  // `paths` of tsconfig.json; built, they are dist/provider and emulator/dist.
  moduleNameMapper: {
    "^pulumi-scalekit$": "<rootDir>/provider/index.ts",
    "^pulumi-scalekit-emulator$": "<rootDir>/emulator/index.ts",
  },
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/emulator/dist/"],
  testTimeout: 30000,
};
