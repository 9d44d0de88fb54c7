"""The live computations the course's lessons call: one small module per idea.

Every module keeps its pydantic argument model beside its function and imports torch
only inside the function, so listing the catalog never imports torch.
"""
