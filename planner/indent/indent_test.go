package indent

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Cases worked out by hand, each beside what encoding/json's Indent
// gives (the test checks both).
var cases = []struct{ in, want string }{
	{`{}`, `{}`},
	{`[]`, `[]`},
	{`{"a":[]}`, "{\n>..\"a\": []\n>}"},
	{`[1,{"b":{}},"x"]`, "[\n>..1,\n>..{\n>....\"b\": {}\n>..},\n>..\"x\"\n>]"},
	{`{"q":"a\"b,c:{[","r":"\\"}`, "{\n>..\"q\": \"a\\\"b,c:{[\",\n>..\"r\": \"\\\\\"\n>}"},
	{`"just a string"`, `"just a string"`},
	{`-1.5e3`, `-1.5e3`},
	{`[[[[[[[[[[1]]]]]]]]]]`, "[\n>..[\n>....[\n>......[\n>........[\n>..........[\n>............[\n>..............[\n>................[\n>..................[\n>....................1\n>..................]\n>................]\n>..............]\n>............]\n>..........]\n>........]\n>......]\n>....]\n>..]\n>]"},
}

func TestJSONIsLaidOutAsIndentLaysItOut(t *testing.T) {
	for _, c := range cases {
		got := JSON(nil, []byte(c.in), ">", "..")
		var std bytes.Buffer
		if err := json.Indent(&std, []byte(c.in), ">", ".."); err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want || std.String() != c.want {
			t.Errorf("%s:\ngot  %q\nstd  %q\nwant %q", c.in, got, std.String(), c.want)
		}
	}
	// It appends to what dst holds.
	if got := JSON([]byte("x="), []byte(`[1]`), "", " "); string(got) != "x=[\n 1\n]" {
		t.Errorf("appended: %q", got)
	}
}

// Any valid JSON, made compact as json.Marshal makes it, is laid out byte
// for byte as encoding/json's Indent lays it out.
func FuzzJSONAsIndent(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in), "  ", "  ")
	}
	f.Add([]byte(`{"Name":"Ana \u003cb\u003e","Notes":"tab\there","Amounts":[1,-2,3.5],"Nil":null,"T":true}`), "    ", "  ")
	f.Fuzz(func(t *testing.T, in []byte, prefix, indent string) {
		var compact bytes.Buffer
		if json.Compact(&compact, in) != nil {
			return
		}
		var std bytes.Buffer
		if err := json.Indent(&std, compact.Bytes(), prefix, indent); err != nil {
			t.Fatal(err)
		}
		if got := JSON(nil, compact.Bytes(), prefix, indent); !bytes.Equal(got, std.Bytes()) {
			t.Errorf("%q:\ngot %q\nstd %q", compact.Bytes(), got, std.Bytes())
		}
	})
}

func BenchmarkJSON(b *testing.B) {
	var rows []map[string]any
	for i := range 200 {
		rows = append(rows, map[string]any{"Name": "Patient", "Month": i, "Paid": []int{1250, 0, 99999}, "Notes": `said "call back", then: {ok}`})
	}
	src, _ := json.Marshal(rows)
	b.Run("encoding/json", func(b *testing.B) {
		var out bytes.Buffer
		for b.Loop() {
			out.Reset()
			json.Indent(&out, src, "    ", "  ")
		}
	})
	b.Run("indent", func(b *testing.B) {
		out := make([]byte, 0, 2*len(src))
		for b.Loop() {
			out = JSON(out[:0], src, "    ", "  ")
		}
	})
}
