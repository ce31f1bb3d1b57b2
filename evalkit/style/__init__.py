"""How evalkit looks, for every stage that draws: the verdict and attainment colours (held to
WCAG AA contrast) and matplotlib set up for record text. Below all stages, like i18n."""
