package report

import "github.com/ldfallback/ldfallback/check"

// Rule documents one finding kind, for SARIF rules and the Markdown summary.
type Rule struct {
	Kind  check.Kind
	Name  string // PascalCase, SARIF's rule name
	Short string
	Full  string
	Help  string
}

// Rules has one entry per finding kind, in check.Kinds order.
var Rules = []Rule{
	{check.KindStaleFallback, "StaleFallback",
		"Fallback value differs from the flag's safest fallback",
		"The fallback value in the code is not the value LaunchDarkly would serve to every context right now (or the flag's off variation when it serves several). If the SDK cannot reach LaunchDarkly, this code behaves differently from production.",
		"Change the fallback to the recommended value (`ldfallback check --fix` does it), or regenerate fallback-config.json with `ldfallback generate` when the value comes from that file."},
	{check.KindTypeMismatch, "TypeMismatch",
		"Evaluation method or fallback type does not match the flag's variations",
		"The typed evaluation method (for example BoolVariation) does not match the type of the flag's variations, or the fallback literal has another type than the method. The SDK then returns the fallback with a WRONG_TYPE error for every context, so the flag has no effect.",
		"Use the evaluation method that matches the flag's variation type, and a fallback of that type."},
	{check.KindUnknownFlag, "UnknownFlag",
		"Flag key is not in the environment",
		"The flag key is not a flag of the environment: a typo, or a flag that was deleted or archived. Every evaluation returns the fallback.",
		"Fix the key (the message suggests the closest existing key), or remove the code path if the flag was retired."},
	{check.KindInconsistentFallback, "InconsistentFallback",
		"One flag has different fallbacks in different places",
		"The same flag is evaluated with different fallback values in different places, so an outage makes parts of the application disagree.",
		"Use one fallback for the flag everywhere, ideally a shared constant or fallback-config.json."},
	{check.KindMissingConfig, "MissingConfig",
		"Wrapper reads a fallback that fallback-config.json does not have",
		"A wrapper reads its fallback from fallback-config.json, but the file has no entry for this flag (or does not exist), so the wrapper has no fallback to use.",
		"Regenerate the file with `ldfallback generate -o fallback-config.json` and commit it."},
	{check.KindDynamicFallback, "DynamicFallback",
		"Fallback is computed at run time",
		"The fallback is not a literal, so ldfallback cannot compare it with the safest fallback.",
		"Nothing to do if the value is intended; use a literal (or fallback-config.json) to have it checked, or add `ldfallback:ignore`."},
	{check.KindDynamicKey, "DynamicKey",
		"Flag key is not a constant",
		"The flag key is computed at run time, so ldfallback cannot tell which flag the call evaluates and cannot check its fallback.",
		"Use a constant key, declare the wrapper in .ldfallback.yaml, or add `ldfallback:ignore`."},
	{check.KindLiveFallback, "LiveFallback",
		"The fallback in the code is the production value",
		"The flag is off and has no off variation, or is deleted, so the SDK returns the fallback in the code to every context, not only during an outage. Changing the literal changes production, and two call sites with different literals serve two different production values (inconsistent-fallback is an error for such flags).",
		"Give the flag an off variation (or turn it on) in LaunchDarkly, or remove the flag from the code when it is retired; until then keep one literal everywhere."},
	{check.KindEnvironmentDivergent, "EnvironmentDivergent",
		"The flag's safe fallback differs across environments",
		"The run compares several environments, and the flag's safest fallback is not the same in all of them (for example rolled out to everyone in staging, off in production). The code can hold one literal only, so an outage serves the wrong value somewhere; the finding lists the value per environment.",
		"When the critical environments agree, use their value (the recommended one). When they do not, make their targeting agree, or read the fallback per environment from a file `ldfallback generate -o 'fallback-config.{env}.json'` writes."},
	{check.KindArchivedFlag, "ArchivedFlag",
		"The flag is archived: every context gets the code's fallback",
		"The LaunchDarkly REST API lists the flag as archived. The SDK payload no longer has it, so every evaluation returns the fallback in the code, for every context, in every environment.",
		"Remove the call (the flag is retired), or restore the flag in LaunchDarkly if it is still needed."},
	{check.KindDeprecatedFlag, "DeprecatedFlag",
		"The flag is deprecated",
		"The LaunchDarkly REST API lists the flag as deprecated: it is still served, but is due to be archived, after which every context gets the code's fallback.",
		"Plan to remove the call before the flag is archived."},
	{check.KindReviewDue, "ReviewDue",
		"A fallback policy entry is due for review",
		"An entry of the policy: section of .ldfallback.yaml has reached its review date, or the flag's targeting changed (its payload version is not the one recorded with the intent), so the documented fallback strategy may no longer fit.",
		"Review the flag's fallback strategy and rationale, then set a new review date or record the flag's current version in the entry."},
}

func ruleIndex(k check.Kind) int {
	for i, r := range Rules {
		if r.Kind == k {
			return i
		}
	}
	return -1
}
