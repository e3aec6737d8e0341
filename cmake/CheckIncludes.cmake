# Build-time half of the dependency rule: fails when one of FILES includes a path that starts
# with one of PREFIXES (a ';'-list such as "wx/" or "localdb/;client/sync/").
# Usage: cmake -DLIBRARY=name -DFILES=a;b "-DPREFIXES=x/;y/" -DWHY=text -DSTAMP=file
#              -P CheckIncludes.cmake
set(violations "")
list(JOIN PREFIXES "|" alternatives)
foreach(file IN LISTS FILES)
  if(NOT EXISTS "${file}")
    continue()
  endif()
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${alternatives})")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    list(APPEND violations "${file}: ${line}")
  endforeach()
endforeach()
if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "Dependency rule (DESIGN.md §2): '${LIBRARY}' ${WHY}:\n  ${text}")
endif()
file(TOUCH "${STAMP}")
