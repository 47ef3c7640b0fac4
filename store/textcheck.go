package store

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"carecost/planner"
)

// unsafeText finds the first text in v, a record or anything holding
// records, that holds a character that would act on a terminal
// (planner.Unsafe), and says where: "patient 3.Patient.Name holds a
// character that would act on a terminal (U+001B)". Imports refuse such
// text, as the forms cannot type it. The path is put together only when
// something is found, so checking costs no memory.
func unsafeText(v any, where string) error {
	var path []string
	if bad, r := walkText(reflect.ValueOf(v), &path); bad {
		return fmt.Errorf("%s%s holds a character that would act on a terminal (%U): remove it", where, strings.Join(path, ""), r)
	}
	return nil
}

// walkText reports the first unsafe character under v; path is left
// holding the way to it.
func walkText(v reflect.Value, path *[]string) (bool, rune) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return walkText(v.Elem(), path)
		}
	case reflect.String:
		if i := strings.IndexFunc(v.String(), planner.Unsafe); i >= 0 {
			return true, []rune(v.String()[i:])[0]
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if bad, r := walkText(v.Field(i), path); bad {
				if !f.Anonymous {
					*path = append([]string{"." + f.Name}, *path...)
				}
				return true, r
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return false, 0
		}
		for i := range v.Len() {
			if bad, r := walkText(v.Index(i), path); bad {
				*path = append([]string{"[" + strconv.Itoa(i+1) + "]"}, *path...)
				return true, r
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			for _, part := range []reflect.Value{iter.Key(), iter.Value()} {
				if bad, r := walkText(part, path); bad {
					*path = append([]string{"[" + fmt.Sprint(iter.Key().Interface()) + "]"}, *path...)
					return true, r
				}
			}
		}
	}
	return false, 0
}

// escapeControls writes, in JSON that encoding/json made, every character
// a terminal would act on (planner.Unsafe) that it leaves as it is — DEL,
// the C1 controls, the bidirectional controls, a byte-order mark — as a
// \u escape: the same string to a JSON reader, and nothing a terminal
// acts on when the file is shown. (encoding/json escapes the C0 controls
// itself.) Such a character can only be inside a string, where an escape
// means it.
func escapeControls(data []byte) []byte {
	// Only a byte from DEL up starts such a character: the bytes before
	// the first are passed over one by one, without decoding them.
	i := 0
	for i < len(data) && data[i] < 0x7f {
		i++
	}
	if !bytes.ContainsFunc(data[i:], jsonLeaves) {
		return data
	}
	out := make([]byte, 0, len(data)+64)
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if jsonLeaves(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, data[:n]...)
		}
		data = data[n:]
	}
	return out
}

// jsonLeaves is a character encoding/json writes as it is that a terminal
// would act on.
func jsonLeaves(r rune) bool { return r >= 0x7f && planner.Unsafe(r) }
