from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
]
