from django.urls import path

from . import views

app_name = "playbooks"
urlpatterns = [
    path("pilots/<int:pk>/standard-model/", views.draft_from_pilot, name="draft_from_pilot"),
]
