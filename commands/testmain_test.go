package commands

import (
	"testing"

	"anubhav/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }
