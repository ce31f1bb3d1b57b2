"""The paper's recommendations (§6; digest §5), numbered as in the paper. Each is phrased
for any campaign; the second text is the paper's own wording for the Syrian campaigns,
shown only in reports of the paper's campaigns."""

RECOMMENDATIONS = {
    1: (
        "Create an advocacy reference body linking the cause's NGOs, pressure organisations and media.",
        "a Syrian advocacy reference body",
    ),
    2: (
        "Build locally funded specialised advocacy institutions with full-time trained staff and long-term plans.",
        "Syrian-funded institutions",
    ),
    3: (
        "Train campaigners, including message design per audience and impact evaluation as the measure of success.",
        "",
    ),
    4: (
        "Have spokespeople in foreign languages, including people of the diaspora born abroad.",
        "diaspora-born Syrians",
    ),
    5: ("Ally with peoples in similar situations.", "e.g. Uyghurs, Bosnians"),
    6: ("Run an internal campaign teaching what advocacy is.", ""),
    7: ("Plan long-term internal campaigns and community organising.", ""),
    8: (
        "Run campaigns aimed at the publics of the states that block the goal.",
        "the Russian, Iranian and Chinese publics",
    ),
    9: (
        "Learn from the cause's most trusted organisations.",
        "e.g. the White Helmets, the Syrian Network for Human Rights",
    ),
    10: (
        "Frame the opponent as a threat to the audience's own interests and security.",
        "frame the regime as a threat",
    ),
    11: (
        "Time activities to periodic events (council sessions, parliamentary and UN meetings).",
        "Human Rights Council sessions, UN Security Council meetings",
    ),
    12: (
        "Organise the affected communities at home and abroad.",
        "Syrian communities inside Syria and in asylum countries",
    ),
    13: (
        "Form specialised teams able to campaign online in the decision makers' languages.",
        "English-capable teams",
    ),
    14: ("Form diaspora lobbying groups where the decision makers are.", "in Europe"),
    15: ("Join local human-rights organisations in host countries.", ""),
    16: ("Prepare an emergency advocacy plan with each party's role defined in advance.", ""),
    17: ("Support art and documentaries in foreign languages.", ""),
    18: (
        "Show the people's reality apart from the opponents' counter-narrative and internal quarrels.",
        "Syrian reality apart from terrorism and opposition quarrels",
    ),
    19: (
        "Work with international media in new ways: positive stories, resilience, rights-based demands.",
        "",
    ),
    20: ("Agree standards for documenting violations (documented vs estimated counts).", ""),
}

# The paper's four campaigns: their reports show the paper's own wording beside each rule.
PAPER_CAMPAIGNS = ("aleppo-is-burning", "save-ghouta", "idlib-under-fire", "caesar")


def with_example(text, example: str, paper: bool):
    """The general wording, with the paper's own example for the paper's campaigns: a Msg,
    English in results.json and in the report's language on its page (evalkit.i18n)."""
    from evalkit.i18n import Msg

    said = text if isinstance(text, Msg) else Msg(text)
    if paper and example:
        return Msg("{text} (the paper: {example})", text=said, example=Msg(example))
    return said


def set_aside(number: int, ctx):
    """Why recommendation `number` does not fit this campaign (a Msg), or None when it
    does: the paper wrote them for campaigns pressing decision makers abroad from a
    diaspora and a home under attack (docs/evaluation-method.md, "Rules in context")."""
    from evalkit.evaluation import context
    from evalkit.i18n import Msg, joined

    rec = ctx.campaign.record
    at_home = context.decision_makers_at_home(rec)
    one_language = context.foreign_languages_needed(rec) is False
    if number == 1 and context.is_coalition(rec):
        return Msg("the campaign was itself run by a coalition")
    if number in (4, 13, 17) and (one_language or (at_home and not context.affected_abroad(rec))):
        return (
            Msg("its decision makers speak the home public's languages")
            if one_language
            else Msg("its decision makers sit at its home")
        )
    if number in (8, 14) and at_home:
        return Msg("its decision makers sit at its home, not abroad")
    if number == 11 and context.timed_to_scheduled_events(ctx.timing):
        return Msg(
            "its phases were already timed to scheduled events ({phases})",
            phases=joined(
                ", ", [t.phase.name for t in context.timed_to_scheduled_events(ctx.timing)]
            ),
        )
    if number == 11:
        foreseen, sudden = context.reactions(ctx.timing, rec)
        if sudden and not foreseen:
            # weakness 11's sign is a reaction to an event that was clearly coming; this one
            # answered an event the record does not show anyone could prepare for
            return Msg(
                "its launch answered an event that the record does not show could be foreseen "
                "({phases}); weakness 11 is a reaction to an event that was clearly coming",
                phases=joined(", ", [t.phase.name for t in sudden]),
            )
    if number in (12, 15) and at_home and not context.affected_abroad(rec):
        return Msg(
            "the people it concerns, and its decision makers, are at its home: "
            "there is no community abroad to organise"
        )
    return None
