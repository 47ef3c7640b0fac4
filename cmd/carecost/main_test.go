package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string
		notOnOut string
	}{
		{args: nil, code: 0, out: "Lowest net total:"},
		{args: []string{"--demo"}, code: 0, out: "Demo data: every name, price, plan and program is fictional."},
		{args: []string{"--help"}, code: 0, out: "Usage: carecost", notOnOut: "Lowest"},
		{args: []string{"--nope"}, code: 2, err: `carecost: "--nope" is not an option carecost knows; run carecost --help to see the options.`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.out) || !strings.Contains(stderr.String(), tt.err) {
			t.Errorf("%v: exit %d, stdout %q…, stderr %q", tt.args, code, first(stdout.String()), stderr.String())
		}
		if tt.notOnOut != "" && strings.Contains(stdout.String(), tt.notOnOut) {
			t.Errorf("%v: stdout has %q", tt.args, tt.notOnOut)
		}
	}
}

func first(s string) string { return s[:min(len(s), 80)] }
