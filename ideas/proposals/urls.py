from django.urls import path

from . import triage_views, views

app_name = "proposals"
urlpatterns = [
    path("proposals/", views.proposal_list, name="list"),
    path("proposals/new/", views.proposal_create, name="create"),
    path("proposals/similar/", views.proposal_similar, name="similar"),
    path("proposals/<int:pk>/", views.proposal_detail, name="detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("proposals/<int:pk>/preview/", views.proposal_preview, name="preview"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("proposals/<int:pk>/support/", views.proposal_support, name="support"),
    path("proposals/<int:pk>/unsupport/", views.proposal_unsupport, name="unsupport"),
    path("proposals/<int:pk>/follow/", views.proposal_follow, name="follow"),
    path("proposals/<int:pk>/unfollow/", views.proposal_unfollow, name="unfollow"),
    path("proposals/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("proposals/<int:pk>/flag/", views.proposal_flag, name="flag"),
    path("proposals/<int:pk>/answer/", triage_views.proposal_answer, name="answer"),
    path("proposals/<int:pk>/review/", triage_views.proposal_review, name="review"),
    path("triage/", triage_views.triage_dashboard, name="triage"),
    path("triage/<int:pk>/", triage_views.triage_proposal, name="triage_proposal"),
    path("triage/<int:pk>/assign/", triage_views.triage_assign, name="triage_assign"),
    path("triage/<int:pk>/decide/", triage_views.triage_decide, name="triage_decide"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/flag/", views.comment_flag, name="comment_flag"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/proposals/<int:pk>/", views.moderation_decide, {"kind": "proposal"}, name="moderate_proposal"),
    path("moderation/comments/<int:pk>/", views.moderation_decide, {"kind": "comment"}, name="moderate_comment"),
    path("moderation/held/<int:pk>/", views.moderation_held_decide, name="moderate_held"),
    path("challenges/", views.challenge_list, name="challenge_list"),
    path("challenges/new/", views.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
]
