package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"carecost/store"
)

// keyCost is how hard a new passphrase's key is to derive; tests lower it.
var keyCost = store.DefaultKeyCost

// readPassphrase reads a passphrase: the first line of --passphrase-file
// (file names the flag), or typed on the terminal without echo after
// prompt. Off a terminal and without the file, it says how to give one.
func (a *app) readPassphrase(file, flag, prompt string) ([]byte, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, readError(file, err)
		}
		line, _, _ := bytes.Cut(data, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			return nil, fmt.Errorf("%s holds no passphrase on its first line", file)
		}
		return line, nil
	}
	in, ok := a.in.(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return nil, fmt.Errorf("%s: run carecost in a terminal to type it, or give %s FILE", prompt, flag)
	}
	fmt.Fprintf(a.err, "%s: ", prompt)
	// Echo is off while the passphrase is typed: a ctrl+c then must turn
	// it back on before carecost stops.
	if state, err := term.GetState(in.Fd()); err == nil {
		defer onStop(func() { term.Restore(in.Fd(), state) })()
	}
	pass, err := term.ReadPassword(in.Fd())
	fmt.Fprintln(a.err)
	if err != nil {
		return nil, fmt.Errorf("could not read the passphrase: %w", err)
	}
	if len(pass) == 0 {
		return nil, errors.New("no passphrase was typed: nothing was changed")
	}
	return pass, nil
}

// newPassphrase reads a new passphrase: from the file, or typed twice.
func (a *app) newPassphrase(file, flag string) ([]byte, error) {
	pass, err := a.readPassphrase(file, flag, "New passphrase")
	if err != nil || file != "" {
		return pass, err
	}
	again, err := a.readPassphrase("", flag, "The same passphrase again")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(pass, again) {
		return nil, errors.New("the two passphrases differ: nothing was changed; run it again")
	}
	if len(pass) < 8 {
		return nil, errors.New("the passphrase is shorter than 8 characters: choose a longer one (a few words make a good one); nothing was changed")
	}
	return pass, nil
}

// rewrite opens the file to write it anew (encrypt, passphrase,
// compact) and runs change on it; the file must be there already.
func (a *app) rewrite(change func(db *store.DB) error) error {
	if !a.fileExists() {
		return fmt.Errorf("there is no carecost file at %s", a.path())
	}
	db, err := a.open(store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	return change(db)
}

// newPassphraseFlag is --new-passphrase-file.
func newPassphraseFlag(cmd *cobra.Command, file *string) {
	cmd.Flags().StringVar(file, "new-passphrase-file", "", "read the new passphrase from the first line of FILE instead of the terminal")
}

func (a *app) encryptCommand() *cobra.Command {
	var newFile string
	cmd := &cobra.Command{
		Use:   "encrypt",
		Short: "Encrypt the file with a passphrase",
		Long: "Writes a new copy of the file with every record sealed (XChaCha20-Poly1305, under a key derived from the passphrase " +
			"with Argon2id), checks it, and puts it in place of the file. From then on carecost asks for the passphrase to open it. " +
			"Backups made before still hold plain text: make a new one and delete them. Without the passphrase, nothing in the file can be read.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.rewrite(func(db *store.DB) error {
				if db.Encrypted() {
					return fmt.Errorf("%s is already encrypted: carecost passphrase changes its passphrase", db.Path())
				}
				pass, err := a.newPassphrase(newFile, "--new-passphrase-file")
				if err != nil {
					return err
				}
				if err := db.Encrypt(pass, keyCost); err != nil {
					return err
				}
				fmt.Fprintf(a.out, "Encrypted %s: carecost asks for the passphrase each time it opens it now. "+
					"Backups made before now still hold plain text: make a new one with carecost backup, then delete the old ones.\n", db.Path())
				return nil
			})
		},
	}
	newPassphraseFlag(cmd, &newFile)
	return cmd
}

func (a *app) passphraseCommand() *cobra.Command {
	var newFile string
	cmd := &cobra.Command{
		Use:   "passphrase",
		Short: "Change the passphrase of an encrypted file",
		Long: "Asks for the file's passphrase, then the new one twice, and writes the file anew with every record sealed under " +
			"a new key that the new passphrase unlocks: the old passphrase opens nothing in it. Backups made before still open with the old one.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.rewrite(func(db *store.DB) error {
				if !db.Encrypted() {
					return fmt.Errorf("%s is not encrypted: carecost encrypt encrypts it", db.Path())
				}
				pass, err := a.newPassphrase(newFile, "--new-passphrase-file")
				if err != nil {
					return err
				}
				if err := db.ChangePassphrase(a.passphrase, pass, keyCost); err != nil {
					return err
				}
				fmt.Fprintf(a.out, "Changed the passphrase of %s. Backups made before still open with the old one.\n", db.Path())
				return nil
			})
		},
	}
	newPassphraseFlag(cmd, &newFile)
	return cmd
}

func (a *app) compactCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Write the file anew, with only what it holds now",
		Long: "Writes the file anew beside itself with only what it holds now, checks it and puts it in place. " +
			"Older versions of edited records, and what was deleted, stay in a file's free pages until then " +
			"(carecost does this by itself when it closes a file something was deleted from).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.rewrite(func(db *store.DB) error {
				if err := db.Compact(); err != nil {
					return err
				}
				fmt.Fprintf(a.out, "Wrote %s anew: no older version of a record, nor anything deleted, is left in it.\n", db.Path())
				return nil
			})
		},
	}
}
