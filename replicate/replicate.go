package replicate

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

// DBFile is the database that is replicated: PocketBase's data.db.
const DBFile = "data.db"

// StagingDir is where Litestream prepares the changes it ships, in the data folder: after the
// first start it holds a compressed copy of the database, which backups need not carry.
const StagingDir = "." + DBFile + litestream.MetaDirSuffix

// FailAfter is how far the replica may fall behind before replication counts as failing
// and the administrators are told (Config.FailAfter's default): long enough to ride out a busy minute or a short network
// drop, short enough that a district learns of a dead NAS the same hour.
const FailAfter = time.Minute

// Kept history: a full snapshot every day, kept with the changes since for three days, so a
// restore can go back to any second of the last two days at least.
const (
	snapshotEvery = 24 * time.Hour
	keepFor       = 72 * time.Hour
)

// Status is the replica's state as the administrator sees it.
type Status struct {
	Where string
	// Lag is the age of the oldest change not yet on the replica; 0 when it has everything.
	Lag time.Duration
	// Failing is set once the lag has passed Config.FailAfter, until the replica catches up.
	Failing bool
	// Local and Replica are the last transaction of the database and of the replica.
	Local, Replica ltx.TXID
}

// Replicator ships the database's changes to the replica while the server runs.
type Replicator struct {
	cfg   *Config
	db    *litestream.DB
	store *litestream.Store

	mu     sync.Mutex
	meter  lagMeter
	status Status

	cancel context.CancelFunc
	done   chan struct{}
}

// Start begins replicating dataDir's data.db; failing is called once per failure episode,
// with the time the oldest change still missing from the replica was made.
func Start(ctx context.Context, cfg *Config, dataDir string, logger *slog.Logger, failing func(since time.Time)) (*Replicator, error) {
	db := litestream.NewDB(filepath.Join(dataDir, DBFile))
	db.MonitorInterval = cfg.Interval
	client := cfg.client()
	replica := litestream.NewReplicaWithClient(db, client)
	replica.SyncInterval = cfg.Interval
	db.Replica = replica
	store := litestream.NewStore([]*litestream.DB{db}, litestream.CompactionLevels{
		{Level: 0},
		{Level: 1, Interval: 30 * time.Second},
		{Level: 2, Interval: 5 * time.Minute},
		{Level: 3, Interval: time.Hour},
	})
	store.SnapshotInterval, store.SnapshotRetention = snapshotEvery, keepFor
	store.ShutdownSyncTimeout = 10 * time.Second
	// Litestream's routine notes would fill the dashboard's logs; its warnings and errors go there.
	quiet := slog.New(warnings{logger.Handler()}).With("replica", cfg.String())
	db.SetLogger(quiet)
	store.Logger = quiet
	if err := store.Open(ctx); err != nil {
		return nil, fmt.Errorf("replication to %s: %w", cfg, err)
	}
	r := &Replicator{cfg: cfg, db: db, store: store, status: Status{Where: cfg.String()}, done: make(chan struct{})}
	watch, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go r.watch(watch, time.Now(), failing)
	return r, nil
}

// watch measures the lag four times per interval and reports each failure episode once.
// Besides the changes it sees waiting, a replica that has not answered for longer than
// FailAfter (unreachable from the start, or a long upload) is behind since its last answer:
// nothing after that can be vouched for.
func (r *Replicator) watch(ctx context.Context, started time.Time, report func(since time.Time)) {
	defer close(r.done)
	tick := time.NewTicker(max(r.cfg.Interval/4, 50*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			local, err := r.db.Pos()
			if err != nil {
				local.TXID = 0 // a staging file being replaced: the replica's answers still count
			}
			remote := r.db.Replica.Pos()
			answered := r.db.LastSuccessfulSyncAt()
			if answered.Before(started) {
				answered = started
			}
			r.mu.Lock()
			lag := r.meter.observe(local.TXID, remote.TXID, now)
			if silent := now.Sub(answered); silent > r.cfg.FailAfter {
				lag = max(lag, silent)
			}
			failing := lag > r.cfg.FailAfter
			began := failing && !r.status.Failing
			r.status.Lag, r.status.Local, r.status.Replica = lag, local.TXID, remote.TXID
			r.status.Failing = failing || (r.status.Failing && lag > 0)
			r.mu.Unlock()
			if began {
				report(now.Add(-lag))
			}
		}
	}
}

// Status returns the replica's state.
func (r *Replicator) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// Close ships what is left (waiting at most ShutdownSyncTimeout) and stops.
func (r *Replicator) Close(ctx context.Context) error {
	r.cancel()
	<-r.done
	// Litestream's final sync skips a database it has not synced yet: a server stopped within
	// its first interval (e.g. just after a crash) would leave the changes it came back with.
	syncErr := r.db.Sync(ctx)
	if err := r.store.Close(ctx); err != nil {
		return err
	}
	return syncErr
}

// lagMeter remembers when each local transaction newer than the replica's was first seen.
type lagMeter struct {
	pending []seen
}

type seen struct {
	txid ltx.TXID
	at   time.Time
}

// observe records the positions and returns the age of the oldest change the replica lacks.
// A new transaction is noted only once the last note is 1/256 of the oldest's age old, so a
// day-long outage under load keeps a few thousand notes, and the lag is off by under 0.4%.
func (m *lagMeter) observe(local, replica ltx.TXID, now time.Time) time.Duration {
	n := len(m.pending)
	if local > replica && (n == 0 || m.pending[n-1].txid < local && now.Sub(m.pending[n-1].at) >= now.Sub(m.pending[0].at)/256) {
		m.pending = append(m.pending, seen{local, now})
	}
	i := 0
	for i < len(m.pending) && m.pending[i].txid <= replica {
		i++
	}
	m.pending = m.pending[i:]
	if len(m.pending) == 0 {
		return 0
	}
	return now.Sub(m.pending[0].at)
}

// warnings passes on only warnings and errors.
type warnings struct{ slog.Handler }

func (w warnings) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

func (w warnings) WithAttrs(attrs []slog.Attr) slog.Handler {
	return warnings{w.Handler.WithAttrs(attrs)}
}

func (w warnings) WithGroup(name string) slog.Handler { return warnings{w.Handler.WithGroup(name)} }
