"""StreamField blocks for the parts of a standard model editors shape freely."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class StepBlock(blocks.StructBlock):
    who = blocks.CharBlock(label=_("who"), max_length=200, help_text=_("The role that does this step."))
    what = blocks.RichTextBlock(label=_("what"), features=["bold", "italic", "ol", "ul", "link"])
    duration = blocks.CharBlock(
        label=_("how long"), max_length=80, required=False, help_text=_("For example: 2 minutes per car.")
    )
    resources = blocks.CharBlock(
        label=_("resources"), max_length=300, required=False, help_text=_("Equipment, forms or systems used.")
    )

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "playbooks/blocks/step.html"


class RequirementBlock(blocks.StructBlock):
    KINDS = [
        ("space", _("space")),
        ("staff", _("staff")),
        ("equipment", _("equipment")),
        ("systems", _("systems")),
    ]
    kind = blocks.ChoiceBlock(label=_("kind"), choices=KINDS)
    description = blocks.TextBlock(label=_("description"))

    class Meta:
        icon = "tick"
        label = _("requirement")


class LimitationBlock(blocks.StructBlock):
    limitation = blocks.TextBlock(label=_("limitation"))
    left_out = blocks.TextBlock(label=_("who may be left out"), required=False)
    alternative = blocks.TextBlock(label=_("alternative for them"), required=False)

    class Meta:
        icon = "warning"
        label = _("limitation")
