from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.data_export, name="data_export"),
    path("profile/delete/", views.account_delete, name="delete"),
    path("expert/", views.expert_apply, name="expert_apply"),
    path("expert/applications/", views.expert_review_list, name="expert_review"),
    path("expert/applications/<int:pk>/", views.expert_review_decide, name="expert_decide"),
]
