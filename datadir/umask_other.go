//go:build !unix

package datadir

// Windows keeps no unix mode bits (os.Chmod sets only the read-only flag there): the data
// folder's access list, inherited from where it is made, decides who may read it.
const unixModes = false

func umask() {}
