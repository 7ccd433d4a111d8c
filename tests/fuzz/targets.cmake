# The fuzz targets, one per kind of file swsim reads (tests/fuzz/fuzz_input.cpp); each has its seed
# corpus in tests/fuzz/corpus/<target>/. Included by tests/fuzz/CMakeLists.txt (the fuzz build) and
# tests/CMakeLists.txt (CI's short run as ctest tests).
set(SWSIM_FUZZ_TARGETS
  scenario
  sweep
  calibration
  regions_csv
  adjacency_csv
  municipalities_csv
  companies_csv
  report_manifest
  report_yearly
  report_summary
  report_comparison
  report_sensitivity
  report_regions
  ensemble
)
