package team

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Where the team folder is a git work tree, git distributes it: a sync
// commits this annotator's files, rebases onto what the others pushed
// (git pull --rebase) and pushes. Each file has one writer, and an
// article's text is the same bytes whoever writes it, so a rebase never
// meets a conflict — unless two stores write as the same annotator. Then
// the rebase is aborted, the local commit stays as it was (nothing is
// lost), and the sync fails naming the files.

// gitRepo drives git in a team folder.
type gitRepo struct {
	dir string
	// identity is -c user.name/user.email for a machine where git has none
	// configured, which commits and rebases need.
	identity []string
}

// GitReport says what git did in a sync.
type GitReport struct {
	Committed bool   `json:"committed"`
	Pulled    bool   `json:"pulled"`
	Pushed    bool   `json:"pushed"`
	Remote    string `json:"remote,omitempty"`
	Branch    string `json:"branch,omitempty"`
}

// openGit returns the git work tree the folder is in, or nil when it is in
// none (or git is not installed: then the folder is a plain shared folder,
// unless it plainly is a work tree, which is refused rather than half-synced).
func openGit(ctx context.Context, dir, annotator string) (*gitRepo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, ".git")); statErr == nil {
			return nil, fmt.Errorf("%s is a git work tree, but git is not installed (Debian: apt-get install git)", dir)
		}
		return nil, nil
	}
	g := &gitRepo{dir: dir}
	top, err := g.run(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		if strings.Contains(err.Error(), "dubious ownership") {
			return nil, fmt.Errorf("the team folder is a git work tree git will not use: %w", err)
		}
		return nil, nil // not in a work tree, or a bare repository
	}
	// Only the top of a work tree is the team's: a team folder that happens
	// to lie inside another repository (a home folder kept in git) must
	// not have commits made and pushed there.
	if !sameFolder(top, dir) {
		return nil, nil
	}
	if email, _ := g.run(ctx, "config", "user.email"); email == "" {
		g.identity = []string{"-c", "user.name=" + annotator, "-c", "user.email=" + strings.ReplaceAll(annotator, " ", ".") + "@claimdesk.invalid"}
	}
	return g, nil
}

// run runs git in the folder and returns its trimmed output; a failure
// carries what git said.
func (g *gitRepo) run(ctx context.Context, args ...string) (string, error) {
	full := append([]string{"-C", g.dir}, g.identity...)
	cmd := exec.CommandContext(ctx, "git", append(full, args...)...)
	// Never wait for a person: no password prompt, no editor, and ssh
	// fails rather than asks.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_EDITOR=true", "GIT_MERGE_AUTOEDIT=no", "LC_ALL=C")
	if os.Getenv("GIT_SSH_COMMAND") == "" {
		cmd.Env = append(cmd.Env, "GIT_SSH_COMMAND=ssh -o BatchMode=yes")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if err != nil {
		said := strings.TrimSpace(stderr.String())
		if said == "" {
			said = strings.TrimSpace(stdout.String())
		}
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, said)
	}
	return strings.TrimSpace(stdout.String()), nil
}

// commit commits paths (relative to the folder) if they changed, and
// nothing else the user may have staged.
func (g *gitRepo) commit(ctx context.Context, message string, paths ...string) (bool, error) {
	if _, err := g.run(ctx, append([]string{"add", "-A", "--"}, paths...)...); err != nil {
		return false, err
	}
	staged, err := g.run(ctx, append([]string{"diff", "--cached", "--name-only", "-z", "--"}, paths...)...)
	if err != nil || staged == "" {
		return false, err
	}
	names := strings.Split(strings.TrimRight(staged, "\x00"), "\x00")
	_, err = g.run(ctx, append([]string{"commit", "--quiet", "--no-verify", "-m", message, "--"}, names...)...)
	return err == nil, err
}

// exchange brings in what the others pushed and pushes this store's
// commits, setting the upstream on the first push. A folder with no remote
// is only committed to. A push that loses a race with another analyst's
// push rebases again.
func (g *gitRepo) exchange(ctx context.Context, report *GitReport) error {
	remote, err := g.remote(ctx)
	if err != nil || remote == "" {
		return err
	}
	branch, err := g.run(ctx, "symbolic-ref", "--short", "HEAD")
	if err != nil {
		return fmt.Errorf("the team folder's git work tree is on no branch (detached HEAD): check out a branch first: %w", err)
	}
	report.Remote, report.Branch = remote, branch
	const attempts = 3
	for attempt := 1; ; attempt++ {
		if err := g.pull(ctx, remote, branch, report); err != nil {
			return err
		}
		if _, err := g.run(ctx, "rev-parse", "--verify", "--quiet", "HEAD"); err != nil {
			return nil // an empty remote and nothing of ours yet: nothing to push
		}
		_, err := g.run(ctx, "push", "--quiet", "--set-upstream", remote, "HEAD:refs/heads/"+branch)
		if err == nil {
			report.Pushed = true
			return nil
		}
		if attempt == attempts || !rejected(err) {
			return err
		}
	}
}

// rejected tells a push refused because the remote moved on.
func rejected(err error) bool {
	s := err.Error()
	return strings.Contains(s, "rejected") || strings.Contains(s, "fetch first") || strings.Contains(s, "non-fast-forward")
}

// remote picks the remote to exchange with: the upstream's, else origin,
// else the only one.
func (g *gitRepo) remote(ctx context.Context) (string, error) {
	if up, err := g.run(ctx, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"); err == nil {
		if name, _, ok := strings.Cut(up, "/"); ok {
			return name, nil
		}
	}
	out, err := g.run(ctx, "remote")
	if err != nil {
		return "", err
	}
	remotes := strings.Fields(out)
	switch {
	case len(remotes) == 0:
		return "", nil
	case len(remotes) == 1:
		return remotes[0], nil
	}
	for _, r := range remotes {
		if r == "origin" {
			return r, nil
		}
	}
	return "", fmt.Errorf("the team folder's git work tree has several remotes (%s) and none is origin or the branch's upstream: set one with git branch --set-upstream-to", strings.Join(remotes, ", "))
}

// pull fetches and rebases onto the remote branch, if it exists yet (an
// empty bare remote has none until the first push).
func (g *gitRepo) pull(ctx context.Context, remote, branch string, report *GitReport) error {
	if _, err := g.run(ctx, "fetch", "--quiet", remote); err != nil {
		return err
	}
	if _, err := g.run(ctx, "rev-parse", "--verify", "--quiet", "refs/remotes/"+remote+"/"+branch); err != nil {
		return nil
	}
	_, err := g.run(ctx, "pull", "--quiet", "--rebase", "--autostash", remote, branch)
	if err == nil {
		report.Pulled = true
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	conflicts, _ := g.run(ctx, "diff", "--name-only", "--diff-filter=U")
	if _, abortErr := g.run(ctx, "rebase", "--abort"); abortErr != nil && conflicts == "" {
		return err // not a rebase that stopped: say what git said
	}
	if conflicts == "" {
		return err
	}
	return errors.New("git pull --rebase met a conflict in " + strings.Join(strings.Fields(conflicts), ", ") +
		": another store writes the same file, which happens only when two stores sync under the same annotator name. " +
		"The rebase was aborted and this store's commit kept as it was; nothing was lost. Give one of the stores another name (claimdesk team join DIR --as OTHER) and sync again")
}

// sameFolder tells whether two paths name the same folder, through links.
func sameFolder(a, b string) bool {
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	return aerr == nil && berr == nil && os.SameFile(ai, bi)
}
