// Package replicate copies PocketBase's database (data.db) continuously to a second disk, a NAS
// or S3-compatible storage with Litestream, inside the binary, and restores it from there into
// a new data folder, to any second of the kept history.
//
// The system administrator configures it with environment variables (Config), not in the
// database: an S3 secret must never be readable through the console or sit in the backups
// that the dashboard hands out, and a data folder restored on another machine must not start
// writing into the first machine's replica on its own.
//
// auxiliary.db (PocketBase's request and error logs) is not replicated: it holds no citizen's
// item and no officer's work, and losing it loses at most a week of logs.
package replicate

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	"github.com/benbjohnson/litestream/s3"
)

// The environment variables that configure replication.
const (
	EnvReplica   = "ANUBHAV_REPLICA"            // a folder (absolute path), or s3://bucket/path
	EnvEndpoint  = "ANUBHAV_REPLICA_ENDPOINT"   // an S3-compatible server's URL; empty: Amazon S3
	EnvRegion    = "ANUBHAV_REPLICA_REGION"     // default us-east-1
	EnvKeyID     = "ANUBHAV_REPLICA_KEY_ID"     // the access key's id
	EnvSecret    = "ANUBHAV_REPLICA_SECRET"     // the access key's secret
	EnvPathStyle = "ANUBHAV_REPLICA_PATH_STYLE" // true|false; default true with an endpoint (MinIO, Garage…)
	EnvInterval  = "ANUBHAV_REPLICA_INTERVAL"   // how often changes are shipped; default 1s
)

// DefaultInterval is how often changes are shipped to the replica: the recovery point when
// the machine and its disk are lost is about twice this (README, "Replication and restore").
const DefaultInterval = time.Second

// Config is where the database is replicated to.
type Config struct {
	// Folder is a local folder (a second disk, a NAS mount); empty for S3.
	Folder string
	// Bucket and Path say where in S3 the replica lives.
	Bucket, Path string
	// Endpoint, Region, KeyID, Secret and PathStyle reach the S3 server.
	Endpoint, Region, KeyID, Secret string
	PathStyle                       bool
	// Interval is how often changes are shipped.
	Interval time.Duration
	// FailAfter is how far behind the replica may fall before it counts as failing.
	FailAfter time.Duration
}

// ErrOff means no replica is configured.
var ErrOff = errors.New("replication is off: set " + EnvReplica + " to a folder or to s3://bucket/path")

// FromEnv reads the configuration from the environment (getenv, e.g. os.Getenv); ErrOff when
// EnvReplica is unset.
func FromEnv(getenv func(string) string) (*Config, error) {
	where := strings.TrimSpace(getenv(EnvReplica))
	if where == "" {
		return nil, ErrOff
	}
	cfg := &Config{Interval: DefaultInterval, FailAfter: FailAfter}
	if v := getenv(EnvInterval); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond || d > time.Hour {
			return nil, fmt.Errorf("%s=%q: give a duration from 100ms to 1h, e.g. 1s", EnvInterval, v)
		}
		cfg.Interval = d
	}
	rest, isS3 := strings.CutPrefix(where, "s3://")
	if !isS3 {
		if !filepath.IsAbs(where) {
			return nil, fmt.Errorf("%s=%q: give an absolute folder path or s3://bucket/path", EnvReplica, where)
		}
		cfg.Folder = filepath.Clean(where)
		return cfg, nil
	}
	cfg.Bucket, cfg.Path, _ = strings.Cut(rest, "/")
	cfg.Path = strings.Trim(cfg.Path, "/")
	if cfg.Bucket == "" {
		return nil, fmt.Errorf("%s=%q: the bucket is missing (s3://bucket/path)", EnvReplica, where)
	}
	cfg.Endpoint, cfg.KeyID, cfg.Secret = getenv(EnvEndpoint), getenv(EnvKeyID), getenv(EnvSecret)
	cfg.Region = getenv(EnvRegion)
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	cfg.PathStyle = cfg.Endpoint != ""
	if v := getenv(EnvPathStyle); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("%s=%q: give true or false", EnvPathStyle, v)
		}
		cfg.PathStyle = b
	}
	if cfg.KeyID == "" || cfg.Secret == "" {
		return nil, fmt.Errorf("replication to S3 needs %s and %s", EnvKeyID, EnvSecret)
	}
	return cfg, nil
}

// String says where the replica is, without the secret.
func (c *Config) String() string {
	if c.Folder != "" {
		return c.Folder
	}
	s := "s3://" + c.Bucket + "/" + c.Path
	if c.Endpoint != "" {
		s += " at " + c.Endpoint
	}
	return s
}

// client returns the Litestream replica client of the configuration.
func (c *Config) client() litestream.ReplicaClient {
	if c.Folder != "" {
		return file.NewReplicaClient(c.Folder)
	}
	cl := s3.NewReplicaClient()
	cl.Bucket, cl.Path, cl.Region, cl.Endpoint = c.Bucket, c.Path, c.Region, c.Endpoint
	cl.AccessKeyID, cl.SecretAccessKey, cl.ForcePathStyle = c.KeyID, c.Secret, c.PathStyle
	return cl
}
