// Package window is Claimdesk's annotation window: the article list on the
// left, the article in the centre with every claim highlighted and the
// suggested claims outlined, the claims and the selected claim's editor on
// the right, menus, search palette, import and export dialogs. It renders
// the session model of package annotate and sends the analyst's intents to
// it; the engines it drives (storage, annotate, importer, dataset, export,
// search, suggest) know nothing of Fyne.
package window
