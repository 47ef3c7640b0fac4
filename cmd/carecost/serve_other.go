//go:build !unix

package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// serveCommand is the team server, which needs a Unix system's terminals.
func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the app to a team over SSH (on Linux, macOS and the BSDs)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return errors.New("the team server runs on Linux, macOS and the BSDs: start it on one of those")
		},
	}
}
