package replicate

import (
	"math"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

const storeKey = "anubhav.replicator"

// Register makes the running replicator the one the health endpoint reports.
func Register(app core.App, r *Replicator) { app.Store().Set(storeKey, r) }

// Health is the answer of GET /api/health/replication.
type Health struct {
	// State is off (no replica configured), ok, or behind (by more than Config.FailAfter).
	State string `json:"state"`
	// Lag (seconds) and Replica (where) are told to superusers only.
	Lag     *float64 `json:"lag_seconds,omitempty"`
	Replica string   `json:"replica,omitempty"`
}

// HandleHealth answers GET /api/health/replication: 200 while the replica keeps up (or none is
// configured), 503 while it is behind, for a monitor to poll. Anyone reads whether it keeps
// up; only a superuser reads the lag and where the replica is. The public answer never moves
// with a single write (a lag would show when a citizen has just sent something).
func HandleHealth(e *core.RequestEvent) error {
	r, _ := e.App.Store().Get(storeKey).(*Replicator)
	if r == nil {
		return e.JSON(http.StatusOK, Health{State: "off"})
	}
	s := r.Status()
	h, code := Health{State: "ok"}, http.StatusOK
	if s.Failing {
		h.State, code = "behind", http.StatusServiceUnavailable
	}
	if e.HasSuperuserAuth() {
		lag := math.Round(s.Lag.Seconds()*10) / 10
		h.Lag, h.Replica = &lag, s.Where
	}
	return e.JSON(code, h)
}
