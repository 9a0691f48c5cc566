package main

import (
	"os"
	"path/filepath"
)

// writeFile writes data to path atomically: to a temporary file in the
// same directory, renamed into place, so a failure never leaves a partial
// file behind.
func writeFile(path string, data []byte) error {
	return writeWith(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// writeWith is writeFile for content produced by a function.
func writeWith(path string, fill func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".pagokit-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
