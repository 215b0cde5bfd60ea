/** Used by npm scripts that need a variable: fails with one clear line instead of a confusing test run. */
const missing = process.argv.slice(2).filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(`Set ${missing.join(', ')} first, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres`);
  process.exit(1);
}
