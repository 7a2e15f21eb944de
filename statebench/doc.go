// Package statebench measures a state on one machine (DESIGN.md, "Operations": about 1,500
// stations, the budgets holding at ten million items): submissions beside plain PocketBase,
// the inbox and an item, every officer's digest, PocketBase's backup and a restore, the data
// folder's size, and the built binary's idle and busy memory. It holds benchmarks only, run on
// the bulk data set that bulkdata.Chosen names (a district of 1,000,000 items by default, the
// state with ANUBHAV_BENCH_STATE=1); docs/PERFORMANCE.md, "A state on one machine", gives
// the commands and the figures.
package statebench
