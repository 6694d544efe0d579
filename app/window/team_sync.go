package window

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"claimdesk/app/team"
	"claimdesk/storage"
)

// syncDelay is how long the analyst's changes gather before a joined store
// syncs them: a burst of labelling is one sync, not one a claim.
const syncDelay = 5 * time.Second

// teamSync exchanges the store's layers with its team folder in the
// background: on start, a few seconds after the analyst's own changes, and
// when asked (Team > Sync now). Nothing happens for a store that joined no
// team. Its fields are the UI goroutine's.
type teamSync struct {
	w         *mainWindow
	annotator string // the name the store joined under, "" when not joined
	running   bool
	again     bool // a change came, or a sync was asked for, while one ran
	asked     bool // the analyst asked for the sync under way: problems open a dialog
	changeSeq int  // the last change's number, so only the last one's timer syncs
	cancel    context.CancelFunc
	onDone    func(team.SyncReport, error) // tests hear each sync end
}

func newTeamSync(w *mainWindow) *teamSync {
	t := &teamSync{w: w}
	w.store.OnChange(t.onStoreChange)
	return t
}

// start reads the membership and syncs once when the store has joined.
func (t *teamSync) start() {
	m, joined, err := t.w.store.TeamMembership()
	if err != nil {
		t.w.showReadError("Reading the team membership", err)
		return
	}
	if joined {
		t.annotator = m.Annotator
		t.run(false)
	}
}

// onStoreChange hears every change on the goroutine that made it. Only the
// analyst's own layer is theirs to share: the layers a sync brings in
// change the store too, and must not set off another sync.
func (t *teamSync) onStoreChange(c storage.Change) {
	switch c.Kind {
	case storage.ClaimAdded, storage.ClaimUpdated, storage.ClaimDeleted, storage.ArticleUpdated:
	default:
		return
	}
	fyne.Do(func() {
		// A status the sync itself sets (another's, carried with their
		// layer) arrives while it runs; the analyst's own is rarely set
		// just then, and the next change of theirs syncs it.
		isOwn := c.Kind == storage.ArticleUpdated || c.Claim.Annotator == t.annotator
		if t.annotator == "" || !isOwn || (t.running && c.Kind == storage.ArticleUpdated) {
			return
		}
		t.changeSeq++
		seq := t.changeSeq
		t.w.after(syncDelay, func() {
			if seq == t.changeSeq {
				t.run(false)
			}
		})
	})
}

// run starts a sync in the background, or has the one running sync again
// when it ends. asked tells that the analyst asked for it.
func (t *teamSync) run(asked bool) {
	if t.annotator == "" {
		return
	}
	t.asked = t.asked || asked
	if t.running {
		t.again = true
		return
	}
	t.running, t.again = true, false
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.w.footer.hint("Team sync: starting…")
	t.w.inBackground(func() {
		report, err := team.Sync(ctx, t.w.store, func(p team.SyncProgress) {
			fyne.Do(func() { t.w.footer.hint(progressLine(p)) })
		})
		fyne.Do(func() { t.finished(report, err) })
	})
}

// progressLine is a sync's step as the footer shows it.
func progressLine(p team.SyncProgress) string {
	if p.Total > 0 {
		return fmt.Sprintf("Team sync: %s (%d of %d)", p.Step, p.Done, p.Total)
	}
	return "Team sync: " + p.Step
}

// finished tells how a sync ended: in the footer, and in a dialog when the
// analyst asked for it and something went wrong.
func (t *teamSync) finished(report team.SyncReport, err error) {
	asked := t.asked
	t.running, t.asked = false, false
	t.cancel()
	switch {
	case errors.Is(err, context.Canceled):
		t.w.footer.hint("")
	case err != nil:
		t.w.footer.hint("Team sync failed: " + storage.OneLine(err.Error()))
		if asked {
			t.w.showReadError("Syncing with the team folder", err)
		}
	case len(report.Problems) > 0:
		t.w.footer.hint(fmt.Sprintf("Team sync: %s skipped: %s", storage.Plural(len(report.Problems), "file"), storage.OneLine(report.Problems[0].Error())))
		if asked {
			t.w.showSyncProblems(report.Problems)
		}
	default:
		t.w.footer.flash(syncSummary(report))
	}
	if added, removed := claimsBrought(report); err == nil && added+removed > 0 && t.w.agreement != nil {
		t.w.agreement.storeChanged(fmt.Sprintf("The team sync brought +%d −%d claims", added, removed))
	}
	if t.onDone != nil {
		t.onDone(report, err)
	}
	if t.again {
		t.run(false)
	}
}

// claimsBrought counts the claims a sync added to and removed from the
// other annotators' layers.
func claimsBrought(r team.SyncReport) (added, removed int) {
	for _, l := range r.Layers {
		added += l.ClaimsAdded
		removed += l.ClaimsRemoved
	}
	return added, removed
}

// syncSummary says what a sync brought, in a line.
func syncSummary(r team.SyncReport) string {
	added, removed := claimsBrought(r)
	line := fmt.Sprintf("Team synced at %s as %s: %s, +%d −%d claims", time.Now().Format("15:04"),
		r.Annotator, storage.Plural(len(r.Layers), "other layer"), added, removed)
	if r.Wrote {
		line += "; your layer written"
	}
	if r.WroteGold {
		line += "; gold written"
	}
	if len(r.Conflicts) > 0 {
		line += fmt.Sprintf("; new conflict copy, not read: %s (compare, then delete it)", r.Conflicts[0])
	}
	return line
}

// showSyncProblems lists the layer files a sync skipped, each with file
// and line, so the analyst can tell their owner what to fix.
func (w *mainWindow) showSyncProblems(problems []error) {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Error()
	}
	w.showReadError("Syncing with the team folder", fmt.Errorf("%s skipped; the store keeps the previous copy of those layers:\n%s",
		storage.Plural(len(problems), "file"), strings.Join(lines, "\n")))
}

// stop cancels a sync under way, when the window closes: what it wrote is
// consistent, and the next sync completes it.
func (t *teamSync) stop() {
	if t.cancel != nil {
		t.cancel()
	}
}
