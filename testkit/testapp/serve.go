package testapp

import (
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// Serve runs the app's real router (every route and middleware, the rate limiter and CORS included)
// on a loopback HTTP server for the length of the test, as `serve` would.
func Serve(t testing.TB, app core.App) *httptest.Server {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	// as apis.Serve binds it, with its default origins
	r.Bind(apis.CORS(apis.CORSConfig{AllowOrigins: []string{"*"}}))
	se := &core.ServeEvent{App: app, Router: r}
	var srv *httptest.Server
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		if err != nil {
			return err
		}
		srv = httptest.NewServer(mux)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}
