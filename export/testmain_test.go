package export_test

import (
	"testing"

	"anubhav/testkit/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }
