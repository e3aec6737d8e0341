# CPack pre-build script: strips the staged ELF files the way dh_strip does. CPACK_STRIP_FILES
# runs plain `strip`, which keeps the .comment and .note sections that lintian reports as
# binary-has-unneeded-section.
if(NOT CPACK_ONEWINDOW_STRIP OR NOT CPACK_TEMPORARY_INSTALL_DIRECTORY)
  return()
endif()
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(path IN LISTS staged)
  if(IS_SYMLINK "${path}")
    continue()
  endif()
  file(READ "${path}" magic LIMIT 4 HEX)
  if(magic STREQUAL "7f454c46")
    execute_process(
      COMMAND "${CPACK_ONEWINDOW_STRIP}" --remove-section=.comment --remove-section=.note
              --strip-unneeded "${path}"
      RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "Could not strip ${path}")
    endif()
  endif()
endforeach()
