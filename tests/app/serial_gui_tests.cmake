set_tests_properties(${app_tests_TESTS} PROPERTIES RUN_SERIAL TRUE)
