// Package migrations is the history of the schema. Each migration is frozen: it holds its own
// literal values, imports no package of this module and shares nothing with another file, so
// that a later change of the code changes no install's past (frozen_test.go). A value, field or
// rule the code comes to need is a new migration; drift_test.go fails until there is one.
package migrations
