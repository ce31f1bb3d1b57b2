"""Comparing evaluated campaigns from their `results.json` files (never re-running them):
the campaigns side by side (tables), the replication table of the paper's claims
(replication) and the comparison in a few lines (summary)."""
from evalkit.comparison.replication import (CLAIMS, COMPUTED, RESTATES, Claim, computed_counts,
                                            grid_agreement, paper_results, replication_items,
                                            replication_table)
from evalkit.comparison.summary import summary_lines
from evalkit.comparison.tables import (AGREES, CANNOT, DISAGREES, MILITARY, _name, attainment_words,
                                       first_launch, fragmentation, grid_side_by_side,
                                       international_stand_rates, launch_words, launches,
                                       load_results, mix_against_attainment, mix_plot,
                                       partner_reuse, reach_against_outcome, sequence_links,
                                       stand_rate_trend, stand_trend_withheld, verdicts)

# _name: a campaign's column label, which the comparative report uses too
__all__ = ["AGREES", "_name", "CANNOT", "CLAIMS", "COMPUTED", "Claim", "computed_counts",
           "DISAGREES", "MILITARY", "attainment_words", "first_launch", "fragmentation",
           "grid_agreement", "grid_side_by_side", "international_stand_rates",
           "launch_words", "launches", "load_results", "mix_against_attainment", "mix_plot",
           "paper_results", "partner_reuse", "reach_against_outcome", "replication_items", "replication_table", "RESTATES",
           "sequence_links", "stand_rate_trend", "stand_trend_withheld", "summary_lines", "verdicts"]
