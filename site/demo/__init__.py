"""Demo content for `manage.py load_demo_data`: a fictional set of shops in
Fujioka (藤岡市, Gunma), generated offline. Not used by the product itself."""
