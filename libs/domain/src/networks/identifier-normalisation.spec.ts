import { normaliseIdentifier } from './identifier-normalisation';
import { IdentifierKind } from './network-vocabulary';

describe('normaliseIdentifier', () => {
  it('writes phone numbers in E.164 however they were typed', () => {
    expect(normaliseIdentifier({ kind: IdentifierKind.Phone, value: '+39 312 345 6789' })).toBe('+393123456789');
    expect(normaliseIdentifier({ kind: IdentifierKind.Phone, value: '0039-312-345-6789', country: 'IT' })).toBe(
      '+393123456789',
    );
    expect(normaliseIdentifier({ kind: IdentifierKind.Phone, value: '312 345 6789', country: 'it' })).toBe(
      '+393123456789',
    );
  });

  it('refuses a phone number that cannot exist, naming the field', () => {
    for (const value of ['12', 'not a number', '+39 1', '312 345 6789'])
      expect(() => normaliseIdentifier({ kind: IdentifierKind.Phone, value })).toThrow(
        expect.objectContaining({ details: [expect.objectContaining({ field: 'value' })] }),
      );
  });

  it('keys travel documents on issuing country and number, and needs the country', () => {
    expect(normaliseIdentifier({ kind: IdentifierKind.TravelDocument, value: 'a 123-456.7', country: 'eg' })).toBe(
      'EG:A1234567',
    );
    expect(() => normaliseIdentifier({ kind: IdentifierKind.TravelDocument, value: 'A1234567' })).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'country' })] }),
    );
  });

  it('checks the IMO check digit', () => {
    expect(normaliseIdentifier({ kind: IdentifierKind.ImoNumber, value: 'IMO 9074729' })).toBe('IMO9074729');
    expect(() => normaliseIdentifier({ kind: IdentifierKind.ImoNumber, value: '9074728' })).toThrow();
  });

  it('folds plates, accounts, handles and vessel names', () => {
    expect(normaliseIdentifier({ kind: IdentifierKind.VehiclePlate, value: 'ab-123 cd' })).toBe('AB123CD');
    expect(normaliseIdentifier({ kind: IdentifierKind.MoneyTransferAccount, value: 'ly83 0020 48' })).toBe(
      'LY83002048',
    );
    expect(normaliseIdentifier({ kind: IdentifierKind.OnlineHandle, value: ' @Abu_Yusuf ' })).toBe('abu_yusuf');
    expect(normaliseIdentifier({ kind: IdentifierKind.VesselName, value: 'Sea  Star-2' })).toBe('SEA STAR 2');
    expect(() => normaliseIdentifier({ kind: IdentifierKind.VehiclePlate, value: '--' })).toThrow();
  });
});
