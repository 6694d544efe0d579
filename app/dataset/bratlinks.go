package dataset

import (
	"fmt"
	"sort"
	"strings"

	"claimdesk/storage"
)

// brat links text-bound annotations with events ("E1<TAB>Attribution:T4
// Source:T1 Cue:T2 Content:T3": a type and its trigger, then ROLE:ID
// arguments) and relations ("R1<TAB>Source Arg1:T3 Arg2:T1": a type and
// two arguments). Attribution and opinion corpora say who made a claim
// that way, so the spans in a speaker or target role give the claims they
// are linked to their speaker and target. An event's trigger marks the
// event and mostly repeats one of its spans: a span that is nothing but
// a trigger is no claim unless BratOptions.TriggerLabels names its type.

// bratLink is an event or relation line.
type bratLink struct {
	line    int
	id      string // E1, R1
	typ     string
	trigger string // an event's trigger, a T id; "" for a relation
	args    []bratArg
}

type bratArg struct{ role, ref string }

// roleKind is what a span does in a link.
type roleKind int

const (
	claimRole roleKind = iota
	speakerRole
	targetRole
)

// link reads the type and arguments of an event or relation line; the
// links are resolved once every T line is known.
func (r *annReader) link(n int, id, data string) {
	fields := strings.Fields(data)
	l := bratLink{line: n, id: id}
	if len(fields) == 0 {
		r.warn(n, "%s has no type; ignored", id)
		return
	}
	if id[0] == 'E' {
		typ, trigger, ok := strings.Cut(fields[0], ":")
		if !ok || typ == "" || trigger == "" {
			r.warn(n, "%s: an event is written TYPE:TRIGGER ROLE:ID ..., not %q; ignored", id, fields[0])
			return
		}
		l.typ, l.trigger = typ, trigger
	} else {
		l.typ = fields[0]
	}
	for _, f := range fields[1:] {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			r.warn(n, "%s: argument %q is not of the form ROLE:ID; ignored", id, f)
			return
		}
		l.args = append(l.args, bratArg{role: role, ref: ref})
	}
	if id[0] == 'R' && len(l.args) != 2 {
		r.warn(n, "%s: a relation has two arguments, this one %d; ignored", id, len(l.args))
		return
	}
	r.links = append(r.links, l)
}

// linkResolver gives claims the speakers and targets of the file's links.
type linkResolver struct {
	*annReader
	speakers, targets map[string]bool // role names, as roleName makes them
	unmapped          []string        // links that gave nothing, by id
	rolesSeen         map[string]bool // roles of those links
}

// resolveLinks applies every event and relation and returns the T ids
// that are not claims: spans that are nothing but an event's trigger.
func (r *annReader) resolveLinks() map[string]bool {
	if len(r.links) == 0 {
		return nil
	}
	lr := linkResolver{annReader: r, rolesSeen: map[string]bool{},
		speakers: roleNames(r.opts.SpeakerRoles, DefaultSpeakerRoles),
		targets:  roleNames(r.opts.TargetRoles, DefaultTargetRoles)}
	triggers, argued := map[string]bool{}, map[string]bool{}
	for _, l := range r.links {
		if l.trigger != "" && lr.isTrigger(l) {
			triggers[l.trigger] = true
		}
		for _, a := range l.args {
			argued[a.ref] = true
		}
	}
	keep := map[string]bool{}
	for _, t := range r.opts.TriggerLabels {
		keep[strings.ToLower(strings.TrimSpace(t))] = true
	}
	dropped := map[string]bool{}
	droppedTypes := map[string]int{}
	for id := range triggers {
		typ := r.types[id]
		if argued[id] || keep[strings.ToLower(typ)] || keep[strings.ToLower(r.spans[id].Label)] {
			continue
		}
		dropped[id] = true
		droppedTypes[typ]++
	}
	for _, l := range r.links {
		if l.trigger != "" {
			_, exists := r.spans[l.trigger]
			lr.event(l, exists && !dropped[l.trigger])
		} else {
			lr.relation(l)
		}
	}
	lr.report(droppedTypes)
	return dropped
}

// isTrigger checks an event's trigger: brat requires a T line of the
// event's own type. A T line of another type stays a claim.
func (lr *linkResolver) isTrigger(l bratLink) bool {
	typ, ok := lr.types[l.trigger]
	switch {
	case !ok:
		lr.warn(l.line, "%s: its trigger %s is not a text-bound annotation (T) of this file", l.id, l.trigger)
		return false
	case typ != l.typ:
		lr.warn(l.line, "%s: its trigger %s is a %s, not a %s as brat requires; %s stays a claim", l.id, l.trigger, typ, l.typ, l.trigger)
		return false
	}
	return true
}

// event gives every claim among the event's arguments (and its trigger,
// when that is a claim) the speakers and targets among the others.
func (lr *linkResolver) event(l bratLink, triggerIsClaim bool) {
	var claims, speakers, targets []string
	if triggerIsClaim {
		claims = append(claims, l.trigger)
	}
	for _, a := range l.args {
		if !lr.known(l, a) {
			continue
		}
		switch lr.kindOf(a.role) {
		case speakerRole:
			speakers = append(speakers, a.ref)
		case targetRole:
			targets = append(targets, a.ref)
		default:
			claims = append(claims, a.ref)
		}
	}
	lr.give(l, claims, speakers, targets)
}

// relation finds which argument fills a speaker or target role: the one
// whose role names it; failing that, when the relation's type names the
// role, the argument whose own type does, else the second argument (brat
// draws Arg1 → Arg2: "Arg2 is the Source of Arg1").
func (lr *linkResolver) relation(l bratLink) {
	a1, a2 := l.args[0], l.args[1]
	if ok1, ok2 := lr.known(l, a1), lr.known(l, a2); !ok1 || !ok2 {
		if isEventRef(a1.ref) || isEventRef(a2.ref) {
			lr.unmapped = append(lr.unmapped, l.id)
		}
		return
	}
	k1, k2 := lr.kindOf(a1.role), lr.kindOf(a2.role)
	claim, filler, kind := a2, a1, k1
	switch {
	case k1 != claimRole && k2 == claimRole:
	case k2 != claimRole && k1 == claimRole:
		claim, filler, kind = a1, a2, k2
	case k1 == claimRole && k2 == claimRole && lr.kindOf(l.typ) != claimRole:
		kind = lr.kindOf(l.typ)
		if !(lr.kindOf(lr.types[a1.ref]) == kind && lr.kindOf(lr.types[a2.ref]) != kind) {
			claim, filler = a1, a2
		}
	default:
		kind = claimRole
	}
	switch kind {
	case speakerRole:
		lr.give(l, []string{claim.ref}, []string{filler.ref}, nil)
	case targetRole:
		lr.give(l, []string{claim.ref}, nil, []string{filler.ref})
	default:
		lr.give(l, nil, nil, nil)
	}
}

// known reports whether an argument is a T line of the file; an event or
// a missing id is reported.
func (lr *linkResolver) known(l bratLink, a bratArg) bool {
	if _, ok := lr.spans[a.ref]; ok {
		return true
	}
	if isEventRef(a.ref) {
		lr.rolesSeen[a.role+" (an event)"] = true
	} else {
		lr.warn(l.line, "%s: %s:%s is not a text-bound annotation (T) of this file; that argument is ignored", l.id, a.role, a.ref)
	}
	return false
}

func isEventRef(ref string) bool { return ref != "" && ref[0] == 'E' }

// give sets the speakers' and targets' texts on the claims, or records a
// link that gives none.
func (lr *linkResolver) give(l bratLink, claims, speakers, targets []string) {
	if len(claims) == 0 || len(speakers)+len(targets) == 0 {
		lr.unmapped = append(lr.unmapped, l.id)
		for _, a := range l.args {
			if !isEventRef(a.ref) {
				lr.rolesSeen[a.role] = true
			}
		}
		if l.trigger == "" {
			lr.rolesSeen[l.typ] = true
		}
		return
	}
	for _, id := range claims {
		s := lr.spans[id]
		for _, sp := range speakers {
			s.Speaker = joinNote(s.Speaker, lr.spanText(sp))
		}
		for _, t := range targets {
			s.Target = joinNote(s.Target, lr.spanText(t))
		}
	}
}

// spanText is what a speaker or target span says: its quote, or the text
// its offsets cover, on one line.
func (lr *linkResolver) spanText(id string) string {
	s := lr.spans[id]
	text := s.quote
	if !s.hasQuote {
		text, _ = storage.Slice(lr.raw, s.Start, s.End)
	}
	return strings.Join(strings.Fields(text), " ")
}

func (lr *linkResolver) kindOf(role string) roleKind {
	name := roleName(role)
	switch {
	case lr.speakers[name]:
		return speakerRole
	case lr.targets[name]:
		return targetRole
	}
	return claimRole
}

// roleName is a role as it is compared: in lower case, without the number
// brat adds to a repeated role (Source2).
func roleName(role string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(role), "0123456789"))
}

func roleNames(names, defaults []string) map[string]bool {
	if len(names) == 0 {
		names = defaults
	}
	set := map[string]bool{}
	for _, n := range names {
		if n = roleName(n); n != "" {
			set[n] = true
		}
	}
	return set
}

// maxListed bounds the ids a summary names.
const maxListed = 5

// report sums up, once per file, the triggers that are not claims and the
// links that gave no claim a speaker or target.
func (lr *linkResolver) report(droppedTypes map[string]int) {
	if len(droppedTypes) > 0 {
		types := make([]string, 0, len(droppedTypes))
		n := 0
		for t, c := range droppedTypes {
			types = append(types, t)
			n += c
		}
		sort.Strings(types)
		lr.problems = append(lr.problems, Problem{File: lr.file, Warning: true, Message: fmt.Sprintf(
			"%s (%s) only mark their events and are not claims of their own (claimdesk import --map %s=LABEL takes them as claims)",
			storage.Plural(n, "event trigger"), strings.Join(types, ", "), types[0])})
	}
	if len(lr.unmapped) == 0 {
		return
	}
	ids := lr.unmapped
	more := ""
	if len(ids) > maxListed {
		more = fmt.Sprintf(" and %d more", len(ids)-maxListed)
		ids = ids[:maxListed]
	}
	roles := make([]string, 0, len(lr.rolesSeen))
	for r := range lr.rolesSeen {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	lr.problems = append(lr.problems, Problem{File: lr.file, Warning: true, Message: fmt.Sprintf(
		"%s%s link no claim to a speaker or target, and are ignored (their roles and types: %s; speaker roles are %s, target roles %s)",
		strings.Join(ids, ", "), more, strings.Join(roles, ", "), roleList(lr.opts.SpeakerRoles, DefaultSpeakerRoles), roleList(lr.opts.TargetRoles, DefaultTargetRoles))})
}

func roleList(names, defaults []string) string {
	if len(names) == 0 {
		names = defaults
	}
	return strings.Join(names, ", ")
}
