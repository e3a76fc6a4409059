// Local mode arrives with the hook handlers; until then this says so instead of failing.
console.error('Local mode is not available yet: the hook handlers and the embedded DynamoDB are still being built.');
console.error('`npm test` runs the contract library and the shared runtime tests.');
process.exitCode = 1;
