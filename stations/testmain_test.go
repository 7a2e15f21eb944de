package stations_test

import (
	"testing"

	"anubhav/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }
