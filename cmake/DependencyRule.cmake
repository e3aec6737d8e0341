# The dependency rule of DESIGN.md §2: arrows point down only. Nothing below client/app may
# include a wx GUI header or link wx core; the front ends reach the layers below only through
# the engine (client/app includes nothing of localdb, client/sync or client/api); neither front
# end includes the other (client/ctl nothing of client/app); central nothing of client/. Core
# libraries are declared with onewindow_core_library(), the others name what they may not
# include with onewindow_forbid_includes(). The rule is checked twice:
#   * at build time, a stamp step scans the library's sources and headers for forbidden
#     includes (so an edit that adds one fails the next build, without re-running CMake);
#   * at the end of configure, the link closure of each core library is walked and any wx
#     GUI library fails the configure step.
set(ONEWINDOW_RULE_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/CheckIncludes.cmake)
set_property(GLOBAL PROPERTY ONEWINDOW_CORE_LIBRARIES "")

# Fails the build of `target` when a source of it, or a header of its directory, includes a
# path starting with one of PREFIXES; WHY completes "'<target>' ..." in the message.
function(onewindow_forbid_includes target)
  cmake_parse_arguments(ARG "" "WHY;NAME" "PREFIXES" ${ARGN})
  get_target_property(sources ${target} SOURCES)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp)
  set(scanned ${sources} ${headers})
  list(FILTER scanned EXCLUDE REGEX "^\\$<")
  list(TRANSFORM scanned PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/ REGEX "^[^/]")
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.${ARG_NAME}.stamp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DLIBRARY=${target} "-DFILES=${scanned}" "-DPREFIXES=${ARG_PREFIXES}"
            "-DWHY=${ARG_WHY}" -DSTAMP=${stamp} -P ${ONEWINDOW_RULE_SCRIPT}
    DEPENDS ${scanned} ${ONEWINDOW_RULE_SCRIPT}
    COMMENT "Checking that ${target} includes nothing of ${ARG_PREFIXES} (DESIGN.md §2)"
    VERBATIM)
  add_custom_target(${target}_${ARG_NAME}_rule DEPENDS ${stamp})
  add_dependencies(${target} ${target}_${ARG_NAME}_rule)
endfunction()

function(onewindow_core_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE onewindow_warnings)
  set_property(GLOBAL APPEND PROPERTY ONEWINDOW_CORE_LIBRARIES ${name})
  onewindow_forbid_includes(${name} NAME no-wx PREFIXES "wx/"
                            WHY "is below client/app and must not include wxWidgets headers")
endfunction()

# Collects the link closure of a target (targets and plain library names).
function(_onewindow_link_closure target out_var)
  set(seen "")
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending current)
    if(current IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${current})
    if(TARGET ${current})
      get_target_property(aliased ${current} ALIASED_TARGET)
      if(aliased)
        list(APPEND pending ${aliased})
      endif()
      get_target_property(direct ${current} LINK_LIBRARIES)
      get_target_property(iface ${current} INTERFACE_LINK_LIBRARIES)
      foreach(dep IN LISTS direct iface)
        if(dep AND NOT dep MATCHES "-NOTFOUND$")
          string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
          list(APPEND pending ${dep})
        endif()
      endforeach()
    endif()
  endwhile()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()

function(onewindow_verify_dependency_rule)
  get_property(core GLOBAL PROPERTY ONEWINDOW_CORE_LIBRARIES)
  foreach(lib IN LISTS core)
    _onewindow_link_closure(${lib} closure)
    foreach(item IN LISTS closure)
      # wx GUI libraries: wx_gtk3u_core-3.2, wx_gtk3u_adv, -lwx_gtk3u_html, wxWidgets::core ...
      if(item MATCHES "wx_gtk[0-9]*u?_|wx_osx|wx_msw|wxmsw|wxWidgets::(core|adv|html|aui|gl)|wxWidgets_LIBRARIES")
        message(FATAL_ERROR
          "Dependency rule (DESIGN.md §2): core library '${lib}' links the wx GUI library "
          "'${item}'. Only client/app and client/ctl may depend on wxWidgets GUI code.")
      endif()
    endforeach()
  endforeach()
endfunction()
