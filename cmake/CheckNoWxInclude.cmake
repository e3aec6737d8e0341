# Build-time half of the dependency rule: fails when a core library's file includes <wx/...>.
# Usage: cmake -DLIBRARY=name -DFILES=a;b -DSTAMP=file -P CheckNoWxInclude.cmake
set(violations "")
foreach(file IN LISTS FILES)
  if(NOT EXISTS "${file}")
    continue()
  endif()
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]wx/")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    list(APPEND violations "${file}: ${line}")
  endforeach()
endforeach()
if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR
    "Dependency rule (DESIGN.md §2): '${LIBRARY}' is below client/app and must not include "
    "wxWidgets headers:\n  ${text}")
endif()
file(TOUCH "${STAMP}")
