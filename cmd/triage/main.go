// Command triage ingests customer replies to dunning, suggests their
// qualification and serves the collectors' review queue.
package main

import (
	"os"

	"github.com/triage-ar/triage/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
