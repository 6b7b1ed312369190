package io.aiox.worker.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An Excel workbook (Apache POI): each sheet is a page, headed by its name, with its rows as a table; cells as
 * Excel shows them (formatted numbers and dates, cached formula results, never recalculated).
 */
final class SheetText {
  private SheetText() {}

  static void read(String name, byte[] bytes, TextOut out) {
    OfficeZip.guard();
    DataFormatter formatter = new DataFormatter();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (Sheet sheet : book) {
        if (!out.page() || !out.heading(2, sheet.getSheetName()) || !rows(sheet, formatter, out)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw OfficeZip.unreadable(name, "Excel", e);
    }
  }

  private static boolean rows(Sheet sheet, DataFormatter formatter, TextOut out) {
    for (Row row : sheet) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
        cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
      }
      if (!out.row(cells)) {
        return false;
      }
    }
    out.endTable();
    return true;
  }
}
