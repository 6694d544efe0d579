package storage

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// joinedStore is a store joined to a team folder, as bytes.
func joinedStore(t *testing.T, m TeamMembership) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "joined.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAddArticle(t, s, "Peskov denied everything.")
	if err := s.SetTeamMembership(m); err != nil {
		t.Fatal(err)
	}
	return closedFile(t, s, path)
}

func recoveredMembership(t *testing.T, raw []byte) (TeamMembership, bool, RecoveryReport) {
	t.Helper()
	report, fresh := recoverRaw(t, raw)
	s, err := Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Errorf("the recovered store does not check clean: %v", err)
	}
	m, ok, err := s.TeamMembership()
	if err != nil {
		t.Fatal(err)
	}
	return m, ok, report
}

// TestRecoverKeepsTeamMembership: a recovered store syncs with the same
// folder under the same name, with what it last wrote and read.
func TestRecoverKeepsTeamMembership(t *testing.T) {
	want := TeamMembership{Folder: "/team/folder", Annotator: "ana", Joined: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		LastSync: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC), Imported: map[string]string{"bob": "abc def"},
		WrittenLayer: "layer", WrittenFile: "file", Adjudicator: true}
	got, ok, report := recoveredMembership(t, joinedStore(t, want))
	if !ok {
		t.Fatalf("the recovered store joined no team; lost: %v", report.Lost)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("recovered membership %+v, want %+v", got, want)
	}
}

// TestRecoverReportsDamagedMembership: a membership whose record cannot be
// read is named lost, and the rest is recovered.
func TestRecoverReportsDamagedMembership(t *testing.T) {
	raw := joinedStore(t, TeamMembership{Folder: "/team/folder", Annotator: "ana"})
	i := bytes.Index(raw, []byte(`{"folder":`))
	if i < 0 {
		t.Fatal("the membership record is not in the file")
	}
	raw[i] = 'X'
	_, ok, report := recoveredMembership(t, raw)
	if ok {
		t.Error("a damaged membership was recovered")
	}
	if report.Articles != 1 {
		t.Errorf("recovered %d articles, want 1", report.Articles)
	}
	if !strings.Contains(strings.Join(report.Lost, "\n"), "team membership: damaged") {
		t.Errorf("the report does not name the damaged membership: %v", report.Lost)
	}
}
