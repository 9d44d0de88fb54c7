"""Lesson and question-bank YAML -> typed models, validated with file/line/step locations."""
