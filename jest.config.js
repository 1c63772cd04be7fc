const { availableParallelism } = require("node:os");

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
  // Jest's default (one worker less than the cores) leaves a single worker on two cores, while most of
  // the long suites wait: on the programs and provider hosts they start, on Docker, on HTTP.
  maxWorkers: Math.max(2, availableParallelism()),
  // A worker that has run many suites holds a large heap: one above this size after a suite is replaced.
  workerIdleMemoryLimit: "700MB",
  // At the end each worker calls exit within milliseconds, with no handle open (measured), but the
  // system took 700-800 ms to take a large process down, past jest's default half second, after which
  // it kills the worker and warns of a leak. A worker that really hangs is still killed, and reported.
  workerGracefulExitTimeout: 5000,
  // A test that runs several engine stand-in operations starts a program and a provider host for each:
  // a few seconds apiece, more on a machine busy with other work.
  testTimeout: 60000,
};
