"""Interview practice: the question bank, parameterized generators, quizzes and review.

Importing this package never imports torch: generators import it when they build a question.
"""
