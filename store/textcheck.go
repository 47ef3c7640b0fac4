package store

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"carecost/planner"
)

// unsafeText finds the first text in v, a record or anything holding
// records, that holds a character that would act on a terminal
// (planner.Unsafe), and says where: "Patient.Name holds a control
// character (U+001B)". Imports refuse such text, as the forms cannot type
// it.
func unsafeText(v any, where string) error {
	return walkText(reflect.ValueOf(v), where)
}

func walkText(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkText(v.Elem(), path)
	case reflect.String:
		s := v.String()
		if i := strings.IndexFunc(s, planner.Unsafe); i >= 0 {
			r := []rune(s[i:])[0]
			return fmt.Errorf("%s holds a character that would act on a terminal (%U): remove it", path, r)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if f := t.Field(i); f.IsExported() {
				name := path + "." + f.Name
				if f.Anonymous {
					name = path
				}
				if err := walkText(v.Field(i), name); err != nil {
					return err
				}
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		for i := range v.Len() {
			if err := walkText(v.Index(i), path+"["+strconv.Itoa(i+1)+"]"); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if err := walkText(iter.Key(), path+" key"); err != nil {
				return err
			}
			if err := walkText(iter.Value(), path+"["+key+"]"); err != nil {
				return err
			}
		}
	}
	return nil
}
